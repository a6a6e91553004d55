def test_needs_pytest():
    pass
