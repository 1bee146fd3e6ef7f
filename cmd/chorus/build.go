package main

import (
	"context"
	"fmt"
	"io"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "chorus build: not built yet")
	return 2
}
