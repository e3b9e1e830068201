package boom

func Boom() {}
