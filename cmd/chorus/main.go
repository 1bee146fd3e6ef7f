// Command chorus checks, renders, builds and serves a brand's canonical
// content for every channel.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand. run returns the process exit code: 0 clean,
// 1 findings at or above the threshold, 2 the run itself failed.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands is the one table of subcommands; each lives in its own file.
var commands = []command{
	{"check", "check a workspace against its style guide and channel limits", runCheck},
	{"build", "write every published variant, feed and the manifest to a folder", runBuild},
	{"render", "print one item's variant for one channel", runRender},
	{"channels", "list the channels and their limits", runChannels},
	{"serve", "serve variants, feeds and the preview site over HTTP", runServe},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Main runs the CLI with args (without the program name) and returns the
// exit code. Tests call it directly.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "chorus: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: chorus <command> [flags] [DIR]")
	fmt.Fprintln(w)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'chorus <command> -h' for a command's flags.")
}
