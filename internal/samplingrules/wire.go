package samplingrules

// Rule is one sampling rule, as AWS's API names its fields (SamplingRule).
type Rule struct {
	RuleName      string            `json:"RuleName"`
	RuleARN       string            `json:"RuleARN,omitempty"`
	ResourceARN   string            `json:"ResourceARN"`
	Priority      int64             `json:"Priority"`
	FixedRate     float64           `json:"FixedRate"`
	ReservoirSize int64             `json:"ReservoirSize"`
	ServiceName   string            `json:"ServiceName"`
	ServiceType   string            `json:"ServiceType"`
	Host          string            `json:"Host"`
	HTTPMethod    string            `json:"HTTPMethod"`
	URLPath       string            `json:"URLPath"`
	Version       int64             `json:"Version"`
	Attributes    map[string]string `json:"Attributes,omitempty"`
}

// Record is one element of GetSamplingRules' SamplingRuleRecords.
type Record struct {
	SamplingRule *Rule   `json:"SamplingRule"`
	CreatedAt    float64 `json:"CreatedAt,omitempty"`
	ModifiedAt   float64 `json:"ModifiedAt,omitempty"`
}

// RulesRequest is the body of POST /GetSamplingRules.
type RulesRequest struct {
	NextToken *string `json:"NextToken"`
}

// RulesResponse is the answer of POST /GetSamplingRules.
type RulesResponse struct {
	SamplingRuleRecords []Record `json:"SamplingRuleRecords"`
	NextToken           *string  `json:"NextToken,omitempty"`
}

// Statistics is one SamplingStatisticsDocument: what one client did with
// one rule since its last report. Timestamp is in seconds since the epoch.
type Statistics struct {
	RuleName     string  `json:"RuleName"`
	ClientID     string  `json:"ClientID"`
	Timestamp    float64 `json:"Timestamp"`
	RequestCount int64   `json:"RequestCount"`
	SampledCount int64   `json:"SampledCount"`
	BorrowCount  int64   `json:"BorrowCount"`
}

// MaxStatistics is the most statistics documents one SamplingTargets
// request may carry.
const MaxStatistics = 25

// TargetsRequest is the body of POST /SamplingTargets.
type TargetsRequest struct {
	SamplingStatisticsDocuments []Statistics `json:"SamplingStatisticsDocuments"`
}

// Target is one SamplingTargetDocument: the rate and reservoir quota a
// client is to use for a rule. ReservoirQuotaTTL is in seconds since the
// epoch, Interval in seconds; both and the quota may be absent.
type Target struct {
	RuleName          string   `json:"RuleName"`
	FixedRate         float64  `json:"FixedRate"`
	ReservoirQuota    *int64   `json:"ReservoirQuota,omitempty"`
	ReservoirQuotaTTL *float64 `json:"ReservoirQuotaTTL,omitempty"`
	Interval          *int64   `json:"Interval,omitempty"`
}

// Unprocessed is one UnprocessedStatistics element: a statistics document
// X-Ray did not take, with an HTTP-like ErrorCode ("400", "500").
type Unprocessed struct {
	RuleName  string `json:"RuleName"`
	ErrorCode string `json:"ErrorCode"`
	Message   string `json:"Message"`
}

// TargetsResponse is the answer of POST /SamplingTargets.
// LastRuleModification is in seconds since the epoch.
type TargetsResponse struct {
	SamplingTargetDocuments []Target      `json:"SamplingTargetDocuments"`
	LastRuleModification    float64       `json:"LastRuleModification"`
	UnprocessedStatistics   []Unprocessed `json:"UnprocessedStatistics"`
}

// DefaultName is the name of the rule that matches what no other does.
const DefaultName = "Default"

// DefaultPriority is the Default rule's priority, below every other rule's
// (which range from 1 to 9999).
const DefaultPriority = 10000

// Default returns X-Ray's default rule: the first request each second and
// 5% of the others.
func Default() Rule {
	return Rule{RuleName: DefaultName, ResourceARN: "*", Priority: DefaultPriority, FixedRate: 0.05, ReservoirSize: 1,
		ServiceName: "*", ServiceType: "*", Host: "*", HTTPMethod: "*", URLPath: "*", Version: 1}
}
