package bench

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
)

// valeStyle is the generated workspace's style guide (contenttest's 30
// rules) as far as Vale can say it: term and brand-name substitutions,
// banned words, the two disclaimer conditions, sentence length and grade,
// exclamation marks, capitals, link rules, heading case and emoji, in 13
// Vale rules.
var valeStyle = map[string]string{
	"Banned.yml": `extends: existence
message: "Avoid '%s'."
level: error
ignorecase: true
tokens:
  - revolutionary
  - best in the world
  - world-class
  - no-brainer
  - guarantee[sd]?
`,
	"Caps.yml": `extends: existence
message: "'%s' is shouting."
level: warning
tokens:
  - '\b(?!GPS\b|UV\b|USB\b)[A-Z]{5,}\b'
`,
	"Casing.yml": `extends: substitution
message: "Write '%s', not '%s'."
level: error
ignorecase: true
swap:
  acme: Acme
  acmedb: AcmeDB
  trailpro: TrailPro
  stormshell: StormShell
`,
	"ClaimSale.yml": `extends: conditional
message: "'%s' needs the sale disclaimer."
level: error
first: '\d+% off'
second: 'Discount applies to full-price items only\.'
`,
	"ClaimShipping.yml": `extends: conditional
message: "'%s' needs the shipping disclaimer."
level: error
first: '(?i)free shipping'
second: 'Free shipping applies to orders over \$50\.'
`,
	"Domains.yml": `extends: existence
message: "Link off the brand's domains: '%s'."
level: warning
scope: raw
raw:
  - 'https?://(?!acme\.example)[^\s/)]+'
`,
	"Emoji.yml": `extends: existence
message: "No emoji here."
level: warning
nonword: true
tokens:
  - '[\x{1F300}-\x{1FAFF}\x{2600}-\x{27BF}]'
`,
	"Exclamation.yml": `extends: occurrence
message: "At most one exclamation mark."
level: warning
scope: paragraph
max: 1
token: '!'
`,
	"Grade.yml": `extends: metric
message: "Grade level (%s) is too high."
level: warning
formula: |
  (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
condition: "> 14"
`,
	"Headings.yml": `extends: capitalization
message: "'%s' should be in sentence case."
level: warning
scope: heading
match: $sentence
`,
	"Https.yml": `extends: existence
message: "Use https links."
level: error
scope: raw
raw:
  - 'http://[^\s)]+'
`,
	"SentenceLength.yml": `extends: occurrence
message: "Keep sentences under 40 words."
level: warning
scope: sentence
max: 40
token: \b(\w+)\b
`,
	"Terms.yml": `extends: substitution
message: "Use '%s' instead of '%s'."
level: warning
ignorecase: false
swap:
  e-mail: email
  E-mail: email
  signup: sign up
  login to: log in
  web site: website
  check-out: checkout
  wifi: wi-fi
  电邮: 电子邮件
  ηλεκτρονικό ταχυδρομείο: email
`,
}

// BenchmarkVale5000 runs Vale (https://vale.sh), the best-known prose
// linter, over the same generated 5,000-item workspace as
// BenchmarkCheck5000, with valeStyle, for comparison. It is skipped when
// vale is not on PATH (go install github.com/vale-cli/vale/v3/cmd/vale@v3.20.0).
//
//	go test ./bench -run '^$' -bench Vale5000 -benchtime 3x
func BenchmarkVale5000(b *testing.B) {
	vale, err := exec.LookPath("vale")
	if err != nil {
		b.Skip("vale is not on PATH")
	}
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, 5000, 300); err != nil {
		b.Fatal(err)
	}
	styles := filepath.Join(dir, "vale-styles", "Chorus")
	if err := os.MkdirAll(styles, 0o755); err != nil {
		b.Fatal(err)
	}
	for name, rule := range valeStyle {
		if err := os.WriteFile(filepath.Join(styles, name), []byte(rule), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	ini := "StylesPath = vale-styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Chorus\n"
	if err := os.WriteFile(filepath.Join(dir, ".vale.ini"), []byte(ini), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(vale, "--output=line", "content")
		cmd.Dir = dir
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			b.Fatalf("vale: %v", err)
		}
		if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu += time.Duration(u.Utime.Nano() + u.Stime.Nano())
		}
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
