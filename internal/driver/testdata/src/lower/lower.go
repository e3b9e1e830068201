package lower

func Exported() {}

func unexported() {}

type T struct{ Field int }

func (T) Method() {}

const C = 1

var V = 1
