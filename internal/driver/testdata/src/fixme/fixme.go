package fixme

func F() []string {
	return []string{"TODO", "twice", "clash", "nofix"}
}
