// Package tests holds a WaitGroup only a test leaves unjoined: left alone
// unless -unjoined.tests is set.
package tests
