import simplejson
