package engine

// A sender goroutine reports its failure as the last thing it does: once
// its error is received it is over, so returning without closing its input
// strands nothing.

type msgStream interface{ Send(msg string) error }

func handleOutgoing(s msgStream, outgoing <-chan string) error {
	msgCh := make(chan string, 1)
	errCh := make(chan error, 1)
	go func() {
		for msg := range msgCh {
			if err := s.Send(msg); err != nil {
				errCh <- err
				return
			}
		}
		close(errCh)
	}()
	for {
		select {
		case err := <-errCh:
			return err
		case msg, ok := <-outgoing:
			if !ok {
				close(msgCh)
				return <-errCh
			}
			msgCh <- msg
		}
	}
}

// The twin: the sender goes on ranging after it reported a failure.
func handleOutgoingOn(s msgStream, outgoing <-chan string) error {
	msgCh := make(chan string, 1)
	errCh := make(chan error, 1)
	go func() { // want `goroutine ranges over msgCh \(line \d+\), which handleOutgoingOn leaves open when it returns at line \d+ through <-errCh`
		for msg := range msgCh {
			if err := s.Send(msg); err != nil {
				select {
				case errCh <- err:
				default:
				}
			}
		}
		close(errCh)
	}()
	for {
		select {
		case err := <-errCh:
			return err
		case msg, ok := <-outgoing:
			if !ok {
				close(msgCh)
				return <-errCh
			}
			msgCh <- msg
		}
	}
}
