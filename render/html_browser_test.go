package render

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"niah/results"
	"niah/stats"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// TestHTMLInBrowser opens the report from disk as a person would, in
// headless Chromium: it must render without console errors, fetch nothing,
// show a cell's trials when clicked, and never run the model's output.
func TestHTMLInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing: CI must install chromium (apt-get install chromium)", chromiumPath)
		}
		t.Skipf("%s not installed: skipping the browser test (apt-get install chromium to run it)", chromiumPath)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	m := &results.Manifest{Schema: "niah.manifest/1", Task: "single"}
	recs := hostileRecords()
	o := Options{Manifest: m, Criteria: stats.Criteria{Claims: stats.ClaimsOf(131072, m, recs)}}
	if err := WriteHTML(f, stats.Summarize(recs), o); err != nil {
		t.Fatal(err)
	}
	f.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	var mu sync.Mutex
	var problems []string
	requests := 0 // proves the network listener works: the document itself is one
	report := func(s string) { mu.Lock(); problems = append(problems, s); mu.Unlock() }
	// The listener runs in the tab's read loop: it only records.
	listen := func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			mu.Lock()
			requests++
			mu.Unlock()
			if u := e.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				report("network request: " + u)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == "error" || e.Type == "warning" || e.Type == "assert" {
				report("console " + string(e.Type))
			}
		case *runtime.EventExceptionThrown:
			report("exception: " + e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == "error" {
				report("log error: " + e.Entry.Text + " " + e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			report("a dialog opened (model output executed?): " + e.Message)
		}
	}
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithListener(listen))
	defer cancelBrowser()

	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
	if _, err := chromedp.Call(bctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(bctx,
		chromedp.Navigate("file://"+path),
		chromedp.WaitVisible(chromedp.CSS(`table.heat`)),
		chromedp.Click(chromedp.CSS(`button[data-cell="s0-0-0"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#drill-s0 .trial`)),
	)
	if err != nil {
		t.Fatalf("driving chromium: %v", err)
	}
	drill, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#drill-s0`)))
	if err != nil {
		t.Fatal(err)
	}
	live, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("img:not(img.curve), svg, iframe").length`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, "report_browser.png", shot)
	if !strings.Contains(drill, hostile) {
		t.Errorf("drill-down does not show the answer as text; got:\n%s", drill)
	}
	if !strings.Contains(drill, "tokens 4,096 planned") {
		t.Errorf("drill-down lacks planned tokens:\n%s", drill)
	}
	// Issue 18: the trial's other names and those its answer gave, as text.
	for _, want := range []string{"others: Nadia | " + hostile, "extra (others the answer named): " + hostile, "pair: <i>the Eiffel Tower</i> → Paris"} {
		if !strings.Contains(drill, want) {
			t.Errorf("drill-down lacks %q:\n%s", want, drill)
		}
	}
	if live != 0 {
		t.Errorf("model output became %d live elements", live)
	}
	mu.Lock()
	defer mu.Unlock()
	if requests == 0 {
		t.Error("saw no network event at all: the listener is not working")
	}
	for _, p := range problems {
		t.Error(p)
	}
}
