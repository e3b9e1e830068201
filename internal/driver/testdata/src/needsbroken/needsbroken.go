package needsbroken

import "example.com/fixture/broken"

var Y = broken.X
