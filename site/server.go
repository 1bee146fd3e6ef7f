package site

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
)

// Defaults of ServerOptions.
const (
	DefaultDebounce          = 100 * time.Millisecond
	DefaultHeartbeat         = 15 * time.Second
	DefaultWebhookBackoff    = time.Second
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 15 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultShutdownTimeout   = 10 * time.Second
	// MaxHeaderBytes caps request headers; larger ones get 431.
	MaxHeaderBytes = 16 << 10
)

// ServerOptions configure a Server. Only Dir is required.
type ServerOptions struct {
	// Dir is the workspace root to serve and watch.
	Dir string
	// Logger receives request and reload logs; nil discards them.
	Logger *slog.Logger
	// Now is the clock that publishing windows are evaluated against at
	// request time; nil means time.Now.
	Now func() time.Time
	// Adapters are the channels to render; nil means adapters/all.
	Adapters []adapters.Adapter
	// Watch turns on live reload from the file system.
	Watch bool
	// Debounce is how long the watcher waits after the last file event
	// before it rebuilds (DefaultDebounce).
	Debounce time.Duration
	// Heartbeat is the interval of the comment lines that keep event
	// streams open through proxies (DefaultHeartbeat).
	Heartbeat time.Duration
	// WebhookBackoff is the wait before the first retry of a webhook
	// delivery; each later retry waits twice as long
	// (DefaultWebhookBackoff).
	WebhookBackoff time.Duration
	// WebhookClient sends webhook deliveries; nil means a client with a
	// 10 s timeout.
	WebhookClient *http.Client
	// Commit returns the git commit of dir, or "" when there is none; nil
	// runs `git rev-parse HEAD`. It is called once per reload.
	Commit func(ctx context.Context, dir string) string
	// HTTP server timeouts; zero means the Default* value.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// ShutdownTimeout bounds the graceful shutdown (DefaultShutdownTimeout).
	ShutdownTimeout time.Duration
}

// Server serves a workspace's snapshot over HTTP: the read API, feeds,
// change events, webhooks, metrics and the preview site. It rebuilds the
// snapshot when files change and swaps it in atomically; requests always
// see one whole snapshot.
type Server struct {
	opts    ServerOptions
	log     *slog.Logger
	now     func() time.Time
	ids     []string // every adapter's channel id
	state   atomic.Pointer[state]
	events  *eventHub
	hooks   *webhooks
	metrics *metrics
	handler http.Handler
	cache   *content.Cache

	reloadMu sync.Mutex // one reload at a time
	inputs   inputs     // the configuration bytes of the live snapshot; guarded by reloadMu
	reloads  atomic.Int64

	stopping     chan struct{} // closed when shutdown begins: event streams end
	stoppingOnce sync.Once
}

// state is what one request sees: the live snapshot and what is known
// about the reload that made it. It is replaced whole, never changed.
type state struct {
	snap     *Snapshot
	loadedAt time.Time
	duration time.Duration
	commit   string
	// reloadErr is the problem of the last reload, nil when it went well.
	reloadErr *ReloadError
	// wsErrors says chorus.yaml or the style guide had errors when the
	// snapshot was built, so it is no good version to fall back to.
	wsErrors bool
	// authBroken says chorus.yaml has errors and declares tokens: the
	// guarded endpoints stay closed rather than open without them.
	authBroken bool
	// pending maps a file whose new version was not taken to the errors
	// that kept it out.
	pending map[string][]content.Finding
	// bodies caches encoded envelopes of this snapshot's variants.
	bodies *bodyCache
}

// ReloadError says why the last reload did not take every change: a
// broken chorus.yaml or style guide (the whole previous snapshot stays),
// or items with errors (they keep their last good variants).
type ReloadError struct {
	At       time.Time         `json:"at"`
	Message  string            `json:"message"`
	Findings []content.Finding `json:"findings"`
}

// NewServer checks opts and returns a server with no snapshot yet; Serve
// or Reload loads the first one.
func NewServer(opts ServerOptions) (*Server, error) {
	if opts.Dir == "" {
		return nil, errors.New("serving: no workspace folder given")
	}
	fi, err := os.Stat(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("serving: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("serving: %s is not a folder", opts.Dir)
	}
	setDefault(&opts.Debounce, DefaultDebounce)
	setDefault(&opts.Heartbeat, DefaultHeartbeat)
	setDefault(&opts.WebhookBackoff, DefaultWebhookBackoff)
	setDefault(&opts.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	setDefault(&opts.ReadTimeout, DefaultReadTimeout)
	setDefault(&opts.WriteTimeout, DefaultWriteTimeout)
	setDefault(&opts.IdleTimeout, DefaultIdleTimeout)
	setDefault(&opts.ShutdownTimeout, DefaultShutdownTimeout)
	if opts.Adapters == nil {
		opts.Adapters = all.Adapters()
	}
	if opts.Commit == nil {
		opts.Commit = gitCommit
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		now:      opts.Now,
		cache:    content.NewCache(),
		stopping: make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, a := range opts.Adapters {
		s.ids = append(s.ids, a.ID())
	}
	s.metrics = newMetrics()
	s.events = newEventHub(uint64(time.Now().UnixMilli()))
	s.hooks = newWebhooks(s.log, opts.WebhookClient, opts.WebhookBackoff, s.metrics)
	s.handler = s.routes()
	return s, nil
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

// Handler returns the server's HTTP handler, with every middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Snapshot returns the live snapshot, or nil before the first load.
func (s *Server) Snapshot() *Snapshot {
	if st := s.state.Load(); st != nil {
		return st.snap
	}
	return nil
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully:
// event streams end, in-flight requests get ShutdownTimeout to finish,
// the watcher and webhook workers stop. It loads the first snapshot after
// it starts listening (so /readyz answers 503 meanwhile) and returns an
// error when that load cannot run at all.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		ReadTimeout:       s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(s.stop)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	bg, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	stopAll := func() {
		s.stop()
		sctx, done := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
		defer done()
		err := srv.Shutdown(sctx)
		cancel()
		wg.Wait()
		s.hooks.stop()
		if err != nil {
			s.log.Warn("shutdown", "error", err.Error())
		}
	}

	if s.opts.Watch {
		w, err := s.newWatcher()
		if err != nil {
			stopAll()
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(bg)
		}()
	}
	if err := s.Reload(ctx); err != nil && s.Snapshot() == nil {
		stopAll()
		return err
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.runSchedule(bg)
	}()

	select {
	case <-ctx.Done():
		stopAll()
		return nil
	case err := <-served:
		stopAll()
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// stop ends every event stream; it is safe to call more than once.
func (s *Server) stop() { s.stoppingOnce.Do(func() { close(s.stopping) }) }

// gitCommit returns HEAD of the git work tree at dir, or "".
func gitCommit(ctx context.Context, dir string) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--verify", "--quiet", "HEAD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(string(out))
	if len(c) < 7 || strings.ContainsFunc(c, func(r rune) bool { return !strings.ContainsRune("0123456789abcdef", r) }) {
		return ""
	}
	return c
}
