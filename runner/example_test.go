package runner_test

import (
	"context"
	"fmt"
	"os"

	"niah/runner"
	"niah/stats"
)

// A whole run driven from code: what `niah run --model sim:8k --lengths
// 2k..16k --depths 0,50,100 --trials 2 --max-tokens 64 --concurrency 2`
// does, with no command line in between. Open prepares the model and the
// run directory; Execute sends every trial and reloads the records.
func Example() {
	dir, _ := os.MkdirTemp("", "niah-example")
	defer os.RemoveAll(dir)
	run, err := runner.Open(context.Background(), runner.Plan{
		Grid:   runner.Grid{Lengths: []int{2048, 4096, 8192, 16384}, Depths: []float64{0, 50, 100}, Trials: 2},
		Models: []runner.ModelSpec{{Spec: "sim:8k"}}, MaxTokens: 64, Concurrency: 2, Out: dir,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer run.Close()
	res, err := run.Execute(context.Background(), runner.Hooks{})
	fmt.Printf("sent %d of %d trials, error %v\n", res.Done, res.Planned, err)
	s := stats.Summarize(res.Records)[0]
	for _, l := range s.PerLength {
		fmt.Printf("%6d tokens: %d valid, %d invalid, accuracy %.2f\n", l.Length, l.Valid, l.Invalid, l.Mean)
	}
	fmt.Println("effective context (RULER):", stats.Criteria{}.Effective(s).RULER)
	// Output:
	// sent 24 of 24 trials, error <nil>
	//   2048 tokens: 6 valid, 0 invalid, accuracy 1.00
	//   4096 tokens: 6 valid, 0 invalid, accuracy 1.00
	//   8192 tokens: 6 valid, 0 invalid, accuracy 0.67
	//  16384 tokens: 0 valid, 6 invalid, accuracy 0.00
	// effective context (RULER): 4096
}
