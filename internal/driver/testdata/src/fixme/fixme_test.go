package fixme

var inTest = "TODO"
