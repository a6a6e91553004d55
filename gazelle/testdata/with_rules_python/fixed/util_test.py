import fixed.util
