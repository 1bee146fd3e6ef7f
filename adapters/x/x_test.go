package x_test

import (
	"flag"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/x"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, x.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, x.New(), *update) }
