from simplejson import _speedups
