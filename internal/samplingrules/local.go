package samplingrules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// LocalRule is one rule of the X-Ray SDKs' local rules file. Version 1
// files name the host service_name; it is read into Host.
type LocalRule struct {
	Description string   `json:"description,omitempty"`
	Host        string   `json:"host,omitempty"`
	ServiceName string   `json:"service_name,omitempty"`
	HTTPMethod  string   `json:"http_method,omitempty"`
	URLPath     string   `json:"url_path,omitempty"`
	FixedTarget *int64   `json:"fixed_target"`
	Rate        *float64 `json:"rate"`
}

// Local is the X-Ray SDKs' local rules file:
//
//	{"version": 2, "rules": [{"description": "...", "host": "*", "http_method": "GET",
//	  "url_path": "/api/*", "fixed_target": 1, "rate": 0.1}],
//	 "default": {"fixed_target": 1, "rate": 0.05}}
//
// Rules apply in the order given, the first that matches deciding.
type Local struct {
	Version int         `json:"version"`
	Rules   []LocalRule `json:"rules"`
	Default *LocalRule  `json:"default"`
}

// ParseLocal reads a local rules file (version 1 or 2) and checks it: a
// default with fixed_target and rate, and rules with host, http_method,
// url_path, fixed_target of 0 or more and a rate from 0 to 1.
func ParseLocal(b []byte) (Local, error) {
	var l Local
	if err := strictJSON(b, &l); err != nil {
		return Local{}, fmt.Errorf("local sampling rules: %w", err)
	}
	if l.Version != 1 && l.Version != 2 {
		return Local{}, fmt.Errorf("local sampling rules: version %d; want 2 (or 1)", l.Version)
	}
	if l.Default == nil {
		return Local{}, errors.New(`local sampling rules: no "default" rule; add "default": {"fixed_target": 1, "rate": 0.05}`)
	}
	if err := checkLocal("the default rule", *l.Default, true); err != nil {
		return Local{}, err
	}
	for i := range l.Rules {
		r := &l.Rules[i]
		if l.Version == 1 && r.Host == "" {
			r.Host, r.ServiceName = r.ServiceName, ""
		}
		if err := checkLocal("rule "+strconv.Itoa(i+1), *r, false); err != nil {
			return Local{}, err
		}
	}
	return l, nil
}

func checkLocal(what string, r LocalRule, isDefault bool) error {
	switch {
	case r.FixedTarget == nil || r.Rate == nil:
		return fmt.Errorf("local sampling rules: %s needs fixed_target and rate", what)
	case *r.FixedTarget < 0:
		return fmt.Errorf("local sampling rules: %s: fixed_target %d; want 0 or more", what, *r.FixedTarget)
	case !(*r.Rate >= 0 && *r.Rate <= 1):
		return fmt.Errorf("local sampling rules: %s: rate %v; want 0 to 1", what, *r.Rate)
	case isDefault && (r.Host != "" || r.HTTPMethod != "" || r.URLPath != "" || r.ServiceName != ""):
		return fmt.Errorf("local sampling rules: %s takes only fixed_target and rate", what)
	case !isDefault && (r.Host == "" || r.HTTPMethod == "" || r.URLPath == ""):
		return fmt.Errorf("local sampling rules: %s needs host, http_method and url_path (\"*\" matches everything)", what)
	}
	return nil
}

// AsRules returns l as centralized rules: priorities in file order, names
// "Local1", "Local2"..., and the default as the Default rule.
func (l Local) AsRules() []Rule {
	out := make([]Rule, 0, len(l.Rules)+1)
	for i, lr := range l.Rules {
		r := Default()
		r.RuleName, r.Priority = "Local"+strconv.Itoa(i+1), int64(i+1)
		r.Host, r.HTTPMethod, r.URLPath = lr.Host, lr.HTTPMethod, lr.URLPath
		r.ReservoirSize, r.FixedRate = *lr.FixedTarget, *lr.Rate
		out = append(out, r)
	}
	d := Default()
	if l.Default != nil {
		d.ReservoirSize, d.FixedRate = *l.Default.FixedTarget, *l.Default.Rate
	}
	return append(out, d)
}

// ParseFile reads a rules file for a server of the proxy: either the
// X-Ray SDKs' local format (with "version") or GetSamplingRules' answer
// as `aws xray get-sampling-rules` prints it (with "SamplingRuleRecords").
// Every rule must pass [Check]; without a Default rule, X-Ray's is added.
func ParseFile(b []byte) ([]Rule, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(bytes.TrimSpace(b), &probe); err != nil {
		return nil, fmt.Errorf("sampling rules file: not a JSON object: %w", err)
	}
	if _, ok := probe["version"]; ok {
		l, err := ParseLocal(b)
		if err != nil {
			return nil, err
		}
		return l.AsRules(), nil
	}
	if _, ok := probe["SamplingRuleRecords"]; !ok {
		return nil, errors.New(`sampling rules file: want the X-Ray SDK's local format ({"version": 2, "rules": [...], "default": {...}}) or GetSamplingRules' answer ({"SamplingRuleRecords": [...]})`)
	}
	rs, err := ParseRulesResponse(b)
	if err != nil {
		return nil, err
	}
	if len(rs.Skipped) > 0 {
		return nil, fmt.Errorf("sampling rules file: %w", errors.Join(rs.Skipped...))
	}
	seen := map[string]bool{}
	for _, r := range rs.Rules {
		if seen[r.RuleName] {
			return nil, fmt.Errorf("sampling rules file: rule %q is given twice", r.RuleName)
		}
		seen[r.RuleName] = true
	}
	if !seen[DefaultName] {
		rs.Rules = append(rs.Rules, Default())
	}
	return rs.Rules, nil
}
