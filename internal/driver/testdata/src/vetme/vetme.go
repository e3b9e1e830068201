package vetme

var (
	a = "TODO"
	b = "twice"
)
