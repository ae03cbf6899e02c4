package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"niah/corpora"
	"niah/runner"
)

// corporaCmd lists the built-in haystacks, or measures them (and the
// user's own text): size, tokens, and whether any 200-character passage
// repeats (repeated text lets a model copy instead of retrieve).
func corporaCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("corpora", stderr)
	tokName := fs.String("tokenizer", "cl100k", "tokenizer for the token counts of stats")
	var extra []string
	fs.StringArrayVar(&extra, "haystack", nil, "also measure this haystack (a file, directory, or builtin:SEED; repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	what := "list"
	if fs.NArg() > 0 {
		what = fs.Arg(0)
	}
	switch what {
	case "list":
		tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "name\tdescription")
		for _, c := range corpora.List() {
			fmt.Fprintf(tw, "%s\t%s\n", c.Name, c.Description)
		}
		fmt.Fprintln(tw, "PATH\ta .txt/.md file, or a directory of them (sorted, joined with paragraph breaks)")
		return tw.Flush()
	case "stats":
	default:
		return fmt.Errorf("corpora: unknown subcommand %q (list or stats)", what)
	}
	tok, err := runner.FixedTokenizer(*tokName)
	if err != nil {
		return explain(err)
	}
	names := []string{}
	for _, c := range corpora.List() {
		if !strings.Contains(c.Name, "SEED") { // a pattern, not a corpus
			names = append(names, c.Name)
		}
	}
	names = append(names, extra...)
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "name\tbytes\t%s tokens\tunique 200-char passages\thash\t\n", tok.Name())
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := corpora.Open(name)
		if err != nil {
			return fmt.Errorf("corpora stats: %w", err)
		}
		ix, err := indexCache().IndexFor(c.Text, c.Hash, tok, len(c.Text))
		if err != nil {
			return err
		}
		unique := "yes"
		if off, found := corpora.FirstRepeat(c.Text, 200); found {
			unique = fmt.Sprintf("no (repeat at byte %d)", off)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%.12s\t\n", c.Name, len(c.Text), ix.Tokens(), unique, c.Hash)
	}
	return tw.Flush()
}
