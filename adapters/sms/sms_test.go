package sms_test

import (
	"flag"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/sms"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, sms.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, sms.New(), *update) }
