package broken

var X int = "not an int"
