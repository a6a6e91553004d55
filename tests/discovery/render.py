def markdown(report, packages): raise NotImplementedError
