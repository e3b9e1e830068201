package top

import "example.com/fixture/middle"

func Top() { middle.Use() }
