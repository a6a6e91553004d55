def test_value(value):
    assert value
