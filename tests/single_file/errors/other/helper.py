WHERE = "other"
