// Package results holds the trial record (the stream every other part reads),
// its failure vocabulary, the append-only store and the run manifest.
package results

// Schema is the record format version written in every record.
const Schema = "niah.trial/1"

// Status is what became of a trial: graded, invalid (not the model's
// failure), or an error to send again.
type Status string

// Status values of a trial.
const (
	StatusOK      Status = "ok"      // graded
	StatusInvalid Status = "invalid" // server truncated, rejected or refused the prompt, or the answer budget ran out before any answer: not a retrieval failure
	StatusError   Status = "error"   // no usable answer after retries
)

// Reason says why a trial is invalid or an error. It is the one failure
// vocabulary: providers classify request failures with these values, and
// records carry them as they are.
type Reason string

// Reasons for invalid and error trials. Transient reasons (rate_limited,
// server_error, timeout, network) are retried by the clients and sent
// again by a rerun; context_exceeded, truncated and length_empty settle a
// trial as invalid.
const (
	ReasonContextExceeded Reason = "context_exceeded"
	ReasonTruncated       Reason = "truncated"
	ReasonRateLimited     Reason = "rate_limited"
	ReasonTimeout         Reason = "timeout"
	ReasonServerError     Reason = "server_error"
	ReasonNetwork         Reason = "network"
	ReasonBadResponse     Reason = "bad_response"
	ReasonAuth            Reason = "auth"
	// ReasonBadRequest: the server refused the request for a reason other
	// than its length (unknown model, unsupported option). Not retried.
	ReasonBadRequest  Reason = "bad_request"
	ReasonLengthEmpty Reason = "length_empty" // finish reason "length" with an empty answer
	// ReasonRefused: the API blocked the prompt (Gemini's blockReason), the
	// model declined to answer (Anthropic's stop reason "refusal") or a
	// content filter withheld the answer: no retrieval was measured. The
	// record's finish_reason keeps which.
	ReasonRefused Reason = "refused"
)

// FinishRepetitionAbort is the finish reason of an answer the server cut
// short because the model repeated itself (Ollama stops after 31 identical
// tokens and sends neither done:true nor counts). The partial answer is
// graded: looping is how models fail beyond their context.
const FinishRepetitionAbort = "repetition_abort"

// Message is one chat message as sent to the server.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Record is one line of results.jsonl (run) or of a gen file (prompt only).
// Field names are the contract of product.md; more fields are welcome,
// none may be renamed. Optional server facts are pointers: absent is not zero.
type Record struct {
	Schema string `json:"schema"`
	ID     string `json:"id"`
	Model  string `json:"model,omitempty"`
	Label  string `json:"label,omitempty"`
	Task   string `json:"task"`
	// Haystack names the corpus; Tokenizer the planning tokenizer.
	Haystack  string `json:"haystack,omitempty"`
	Tokenizer string `json:"tokenizer,omitempty"`
	Seed      int64  `json:"seed"`

	Length      int     `json:"length"`       // the x axis: the trial's window, or its prompt (see LengthCounts)
	Depth       float64 `json:"depth"`        // requested depth, percent 0–100 (y axis)
	DepthActual float64 `json:"depth_actual"` // where the needle landed, percent of haystack tokens
	Trial       int     `json:"trial"`
	// DistanceTokens is how far the asked needle is from the question:
	// planned tokens from its end to the question's start. Absent in
	// records written before it existed, and when there is no needle.
	DistanceTokens *int `json:"distance_tokens,omitempty"`

	Expected []string  `json:"expected"`
	Messages []Message `json:"messages,omitempty"`

	PromptTokens int `json:"prompt_tokens"`
	// PromptTokensExpected is the server count the prompt should get, when a
	// stand-in tokenizer was calibrated against the server (else it equals
	// PromptTokens and is omitted).
	PromptTokensExpected int  `json:"prompt_tokens_expected,omitempty"`
	PromptTokensServer   *int `json:"prompt_tokens_server,omitempty"`
	CachedTokens         *int `json:"cached_tokens,omitempty"`
	CompletionTokens     *int `json:"completion_tokens,omitempty"`
	// LengthUnverified marks a graded trial whose server gave no usable
	// prompt count (none, or 0, as after a repetition abort): nothing
	// confirms the model saw the whole prompt.
	LengthUnverified bool `json:"length_unverified,omitempty"`
	// LengthCheck is the one-token follow-up request that asked the server
	// for the prompt's length when the answer carried no count (a
	// repetition abort); PromptTokensServer is then its count.
	LengthCheck *LengthCheck `json:"length_check,omitempty"`
	// ComputedTokens are the prompt tokens the server computed rather than
	// took from its cache (its own figure, or prompt − cached);
	// CacheWriteTokens those it wrote to a cache (Anthropic); PrefillMS its
	// own prompt-processing time.
	ComputedTokens   *int     `json:"computed_tokens,omitempty"`
	CacheWriteTokens *int     `json:"cache_write_tokens,omitempty"`
	PrefillMS        *float64 `json:"prefill_ms,omitempty"`
	// SharedPrefixTokens is how much of the prompt every prompt of the run
	// shares (instructions and haystack up to the first needle), in planned
	// tokens: what the shared-prefix lower bound of a run is computed from.
	SharedPrefixTokens int `json:"shared_prefix_tokens,omitempty"`

	Answer    string `json:"answer,omitempty"`
	Reasoning string `json:"reasoning,omitempty"`
	// AnswerTruncated: the answer or reasoning ran past the bytes a trial
	// keeps (runner.MaxAnswerBytes); the kept beginning was graded.
	AnswerTruncated bool    `json:"answer_truncated,omitempty"`
	FinishReason    string  `json:"finish_reason,omitempty"`
	Score           float64 `json:"score"`
	Correct         bool    `json:"correct"` // all-or-nothing: every expected value found
	Status          Status  `json:"status,omitempty"`
	Reason          Reason  `json:"reason,omitempty"`
	Error           string  `json:"error,omitempty"` // one-line detail for invalid/error trials
	HTTPStatus      int     `json:"http_status,omitempty"`
	LatencyMS       int64   `json:"latency_ms,omitempty"`
	Attempts        int     `json:"attempts,omitempty"`
	Time            string  `json:"time,omitempty"` // RFC 3339, when the trial ended
	Simulated       bool    `json:"simulated,omitempty"`
	// Scrubbed: a secret niah holds (the API key, a URL's credentials, a
	// credential header's value) was found in the server's text (answer,
	// reasoning, error) and replaced with "[redacted]" before writing.
	Scrubbed bool `json:"scrubbed,omitempty"`

	// Others are the names a prompt holds that a correct answer leaves out
	// (latent: the other characters; hops: the distractor chains'
	// variables), so that a runner of gen prompts can grade as niah does.
	Others []string `json:"others,omitempty"`
	// Extra are the Others the answer gives. An answer with extras is not
	// correct; a latent answer that offers one as an alternative scores 0,
	// and a hops answer loses by each (see needle.GradeInstance).
	Extra []string `json:"extra,omitempty"`
	// Pair names the latent pair a trial asks about ("the Eiffel Tower →
	// Paris"), for per-pair base scores.
	Pair string `json:"pair,omitempty"`

	// LengthCounts is what Length counts: CountsWindow (the prompt plus
	// the answer budget) or CountsPrompt; "" in older records: the prompt.
	LengthCounts string `json:"length_counts,omitempty"`
	// Depthless marks a task whose answer has no depth (cwe, fwe: it is
	// spread over the whole context): Depth and DepthActual are 0 and
	// mean nothing, and a length's trials form one row.
	Depthless bool `json:"depthless,omitempty"`
}

// Valid reports whether the trial counts towards accuracy.
func (r *Record) Valid() bool { return r.Status == StatusOK }
