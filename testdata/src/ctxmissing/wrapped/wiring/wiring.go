// Package wiring builds the clients a service is given.
package wiring

import (
	"ctxmissing/greeter"
	"ctxmissing/wrapped/client"

	"google.golang.org/grpc"
)

// Greeter returns the client services use.
func Greeter(cc grpc.ClientConnInterface) greeter.GreeterClient { return client.New(cc) }
