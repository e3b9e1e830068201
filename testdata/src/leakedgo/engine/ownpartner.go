package engine

import "net"

// One body started by two functions, each with a channel of its own: a
// receive left waiting in one is reported naming that function's own go
// statement, not the other's (the channels share a class, as both reach
// the body's parameter).

func acceptLoop(l net.Listener, errc chan error) {
	for {
		c, err := l.Accept()
		if err != nil {
			errc <- err
			return
		}
		if _, ok := c.(*net.UnixConn); !ok {
			return
		}
		c.Close()
	}
}

func serveBoth(tcp, unix net.Listener) error {
	errc := make(chan error, 2)
	go acceptLoop(tcp, errc)
	go acceptLoop(unix, errc)
	if err := <-errc; err != nil { // want `serveBoth blocks forever receiving from errc \(line 28\) when the goroutine sending on it \(line 26\) returns at line 18`
		return err
	}
	return <-errc // want `serveBoth blocks forever receiving from errc \(line 31\) when the goroutine sending on it \(line 26\) returns at line 18`
}

func serveUnix(unix net.Listener) error {
	errc := make(chan error)
	go acceptLoop(unix, errc)
	return <-errc // want `serveUnix blocks forever receiving from errc \(line 37\) when the goroutine sending on it \(line 36\) returns at line 18`
}
