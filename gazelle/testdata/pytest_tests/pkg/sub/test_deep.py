def test_uses_the_parent_conftest(answer):
    assert answer == 42
