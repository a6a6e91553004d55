WHERE = "sub"
