import t._ext
