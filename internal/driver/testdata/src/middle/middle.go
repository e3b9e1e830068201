package middle

import "example.com/fixture/lower"

func Use() { lower.Exported() }
