package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/examples"
	"github.com/chorus-dev/chorus/site"
)

// defaultAddr is where chorus serve listens unless told otherwise:
// loopback only.
const defaultAddr = "127.0.0.1:8080"

// runServe serves a workspace's variants, feeds, change events and the
// preview site, reloading when files change. With no folder and no
// chorus.yaml here it serves the demo workspace built into the binary.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("chorus serve", flag.ContinueOnError)
	fset.SetOutput(stderr)
	addr := fset.String("addr", "", "the address to listen on (default server.addr in chorus.yaml when it is a loopback address, else "+defaultAddr+")")
	logFormat := fset.String("log-format", "", "log format: text or json (default text on a terminal, json otherwise)")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: chorus serve [DIR] [--addr HOST:PORT] [--log-format text|json]")
		fset.PrintDefaults()
	}
	pos, err := parseInterleaved(fset, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "chorus serve: too many arguments: %s\n", strings.Join(pos, " "))
		return 2
	}
	log, err := newLogger(stderr, *logFormat)
	if err != nil {
		fmt.Fprintf(stderr, "chorus serve: %v\n", err)
		return 2
	}

	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	} else if _, err := os.Stat(content.ConfigFile); errors.Is(err, fs.ErrNotExist) {
		demo, err := extractDemo()
		if err != nil {
			fmt.Fprintf(stderr, "chorus serve: %v\n", err)
			return 2
		}
		defer os.RemoveAll(demo)
		dir = demo
		log.Info("no chorus.yaml here: serving the built-in demo workspace (acme-outdoor); edits to it are not kept")
	}

	listen := *addr
	if listen == "" {
		listen = configAddr(dir)
		if listen != "" && !isLoopback(listen) {
			// chorus.yaml travels with the content; only the person
			// starting the server opens it to the network.
			log.Warn("server.addr in chorus.yaml is not a loopback address: listening on loopback; pass --addr to listen beyond this machine", "addr", listen)
			listen = onLoopback(listen)
		}
	}
	if listen == "" {
		listen = defaultAddr
	}

	srv, err := site.NewServer(site.ServerOptions{Dir: dir, Logger: log, Watch: true})
	if err != nil {
		fmt.Fprintf(stderr, "chorus serve: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		fmt.Fprintf(stderr, "chorus serve: %v\n", err)
		return 2
	}
	log.Info("serving", "dir", dir, "url", "http://"+ln.Addr().String()+"/")
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "chorus serve: %v\n", err)
		return 2
	}
	log.Info("stopped")
	return 0
}

// newLogger makes the slog logger: text on a terminal, JSON otherwise or
// when asked.
func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "":
		if isTerminal(w) {
			format = "text"
		} else {
			format = "json"
		}
	case "text", "json":
	default:
		return nil, fmt.Errorf("--log-format %q: want text or json", format)
	}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return slog.New(slog.NewTextHandler(w, nil)), nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// configAddr reads server.addr from the workspace's chorus.yaml, or "".
func configAddr(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, content.ConfigFile))
	if err != nil {
		return ""
	}
	cfg, _ := content.ParseConfig(data, nil)
	return cfg.Server.Addr
}

// isLoopback reports whether addr (host:port) names this machine only.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// onLoopback is addr's port on the loopback address; the default address
// when addr has no port.
func onLoopback(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return defaultAddr
	}
	return net.JoinHostPort("127.0.0.1", port)
}

// extractDemo copies the embedded demo workspace into a new temporary
// folder, since loading reads from disk, and returns the folder.
func extractDemo() (string, error) {
	sub, err := fs.Sub(examples.FS, "acme-outdoor")
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "chorus-demo-")
	if err != nil {
		return "", fmt.Errorf("extracting the demo workspace: %w", err)
	}
	if err := os.CopyFS(dir, sub); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("extracting the demo workspace: %w", err)
	}
	return dir, nil
}
