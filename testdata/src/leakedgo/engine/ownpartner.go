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

// A go statement's constant argument rules out the ways its body takes
// only for the other value: the TCP listener never takes the UNIX
// socket's silent return, so the first receive always gets a send; the
// second waits for the UNIX listener too, which can stop without one
// (tidb's startNetworkListener).
func listenOn(l net.Listener, unix bool, errc chan error) {
	for {
		c, err := l.Accept()
		if err != nil {
			errc <- err
			return
		}
		if unix {
			if _, ok := c.(*net.UnixConn); !ok {
				return
			}
		}
		c.Close()
	}
}

func serveFlagged(tcp, unix net.Listener) error {
	errc := make(chan error, 2)
	go listenOn(tcp, false, errc)
	go listenOn(unix, true, errc)
	if err := <-errc; err != nil {
		return err
	}
	return <-errc // want `serveFlagged blocks forever receiving from errc \(line 68\) when the goroutine sending on it \(line 64\) returns at line 54`
}

func serveTCP(tcp net.Listener) error {
	errc := make(chan error)
	go listenOn(tcp, false, errc)
	return <-errc
}

// The twin: the UNIX listener alone.
func serveUnixOnly(unix net.Listener) error {
	errc := make(chan error)
	go listenOn(unix, true, errc)
	return <-errc // want `serveUnixOnly blocks forever receiving from errc \(line 81\) when the goroutine sending on it \(line 80\) returns at line 54`
}
