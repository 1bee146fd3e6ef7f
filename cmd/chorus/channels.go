package main

import (
	"context"
	"fmt"
	"io"
)

func runChannels(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "chorus channels: not built yet")
	return 2
}
