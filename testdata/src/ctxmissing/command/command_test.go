package command

import "testing"

func TestGet(t *testing.T) {
	if err := get("http://127.0.0.1:1/"); err == nil {
		t.Fatal("want an error")
	}
}
