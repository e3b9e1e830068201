// Package tests holds a leak in a test: reported only with
// -leakedgo.tests.
package tests
