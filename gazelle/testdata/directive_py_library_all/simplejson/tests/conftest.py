import simplejson.tests
