// Command clientflow takes one dossier through the README's walk-through
// with a client that ogen generated from motcua's OpenAPI 3.1 document,
// and nothing else: no type of motcua's own. ogen's client checks every
// answer against the document (required fields, enums, formats), so a
// document that says other than the server does fails here.
//
// .ci/clients builds it beside the generated client; it is not part of
// motcua's module.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/go-faster/jx"
	ht "github.com/ogen-go/ogen/http"

	"ogenclient/client"
)

// The demo tokens and catalogue of the README.
const (
	portalToken  = "demo-portal-000000003"
	officerToken = "demo-officer-xa-0004"
	procedure    = "1.004194"
	agency       = "ubnd-xa-thach-ha"
)

// token answers ogen's security source with one bearer token.
type token string

func (t token) Bearer(context.Context, client.OperationName) (client.Bearer, error) {
	return client.Bearer{Token: string(t)}, nil
}

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "the API's address")
	flag.Parse()
	if err := walk(*base); err != nil {
		fmt.Fprintln(os.Stderr, "clientflow:", err)
		os.Exit(1)
	}
}

func walk(base string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	portal, err := client.NewClient(base, token(portalToken))
	if err != nil {
		return err
	}
	officer, err := client.NewClient(base, token(officerToken))
	if err != nil {
		return err
	}
	run := time.Now().UnixNano()
	upload := func(c *client.Client, component string) (string, error) {
		pdf := fmt.Appendf(nil, "%%PDF-1.7\n%% %s %d\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n", component, run)
		res, err := c.Upload(ctx, &client.UploadReq{Procedure: procedure, Component: component,
			File: ht.MultipartFile{Name: component + ".pdf", File: bytes.NewReader(pdf), Size: int64(len(pdf))}}, client.UploadParams{})
		if err != nil {
			return "", fmt.Errorf("upload %s: %w", component, err)
		}
		stored, ok := res.(*client.Stored)
		if !ok {
			return "", fmt.Errorf("upload %s: %#v", component, res)
		}
		return stored.ID, nil
	}
	tk, err := upload(portal, "to_khai")
	if err != nil {
		return err
	}
	home, err := upload(portal, "cho_o_hop_phap")
	if err != nil {
		return err
	}
	filed, err := portal.SubmitDossier(ctx, &client.Filing{Procedure: procedure, Agency: agency, Channel: client.FilingChannelOnline,
		Applicant:  client.Applicant{ID: fmt.Sprintf("0421%08d", run%1e8), Name: "Nguyễn Văn An"},
		Inputs:     client.NewOptFilingInputs(client.FilingInputs{"own_home": jx.Raw("true")}),
		Components: []client.Component{{Code: "to_khai", Document: client.NewOptString(tk)}, {Code: "cho_o_hop_phap", Document: client.NewOptString(home)}}},
		client.SubmitDossierParams{IdempotencyKey: fmt.Sprintf("clientflow-%d", run)})
	if err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	sub, ok := filed.(*client.SubmittedHeaders)
	if !ok {
		return fmt.Errorf("submit: %#v", filed)
	}
	code := sub.Response.Code
	fmt.Printf("filed %s: %s, %d ₫ due\n", code, sub.Response.Stage, sub.Response.Quote.Total)

	acked := func(what string, res any, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		a, ok := res.(*client.AckHeaders)
		if !ok {
			return fmt.Errorf("%s: %#v", what, res)
		}
		fmt.Printf("%s: %s\n", what, a.Response.Stage)
		return nil
	}
	res, err := officer.Accept(ctx, &client.AcceptBody{}, client.AcceptParams{Code: code})
	if err := acked("accept", res, err); err != nil {
		return err
	}
	opened, err := portal.SimulatorOpen(ctx, &client.SimOpenInputBody{Dossier: code})
	if err != nil {
		return fmt.Errorf("open a payment: %w", err)
	}
	pay, ok := opened.(*client.SimPayment)
	if !ok {
		return fmt.Errorf("open a payment: %#v", opened)
	}
	done, err := portal.SimulatorFinish(ctx, client.SimulatorFinishParams{Tx: pay.TxID, Outcome: client.SimulatorFinishOutcomeComplete})
	if err != nil {
		return fmt.Errorf("pay: %w", err)
	}
	if cb, ok := done.(*client.SimFinishOutputBody); !ok || cb.CallbackStatus != 200 {
		return fmt.Errorf("pay: %#v", done)
	}
	// The payment reaches the workflow through the callback: wait for it.
	for {
		view, err := officer.GetDossier(ctx, client.GetDossierParams{Code: code})
		if err != nil {
			return fmt.Errorf("get: %w", err)
		}
		if v, ok := view.(*client.DossierView); ok && (v.Record.Stage == client.ProjectionStagePaid || v.Record.Stage == client.ProjectionStageProcessing) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	for _, s := range [][2]string{{"tiep_nhan", "receiver"}, {"tham_dinh", "police_officer"}, {"phe_duyet", "chief"}} {
		res, err := officer.CompleteStep(ctx, &client.CompleteStepBody{Step: s[0], Role: s[1]}, client.CompleteStepParams{Code: code})
		if err := acked("complete "+s[0], res, err); err != nil {
			return err
		}
	}
	result, err := upload(officer, "result")
	if err != nil {
		return err
	}
	res2, err := officer.Approve(ctx, &client.ApproveBody{Result: client.NewOptString(result)}, client.ApproveParams{Code: code})
	if err := acked("approve", res2, err); err != nil {
		return err
	}
	res3, err := officer.ReturnResult(ctx, &client.ReturnResultBody{Via: client.ReturnResultBodyViaOnline}, client.ReturnResultParams{Code: code})
	if err := acked("return the result", res3, err); err != nil {
		return err
	}
	view, err := portal.GetDossier(ctx, client.GetDossierParams{Code: code})
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	v, ok := view.(*client.DossierView)
	if !ok {
		return fmt.Errorf("get: %#v", view)
	}
	if v.Record.Stage != client.ProjectionStageClosed || v.Record.Outcome.Value != client.ProjectionOutcomeReturned {
		return fmt.Errorf("the dossier ended %s/%s", v.Record.Stage, v.Record.Outcome.Value)
	}
	fmt.Printf("%s closed, %s: %d timeline events, %d files, %d papers\n", code, v.Record.Outcome.Value, len(v.Timeline), len(v.Files), len(v.Papers))
	return nil
}
