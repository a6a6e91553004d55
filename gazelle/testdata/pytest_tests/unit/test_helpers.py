def make_fixture_data():
    return {"a": 1}
