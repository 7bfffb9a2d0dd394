package workflows

import (
	"go.temporal.io/sdk/workflow"
)

func (d *dossier) checkDigitize(_ workflow.Context, x Digitize) error {
	if d.Stage.Decided() || d.Stage == Received {
		return wrongStage("digitize a component", d.Stage)
	}
	if err := required("by", x.By); err != nil {
		return err
	}
	c := d.component(x.Component)
	if c == nil {
		return invalid("component: procedure %s has no component %q", d.Procedure.Code, x.Component)
	}
	if (x.Document == nil) == (x.Reuse == "") {
		return invalid("give either document (a scan or upload) or reuse (a document already digitized)")
	}
	if c.digitized() {
		return invalid("component %s already has an electronic copy", c.Code)
	}
	return nil
}

// doDigitize attaches the electronic copy. Once every component that needs
// one has it, a dossier waiting for digitization moves on to processing.
func (d *dossier) doDigitize(ctx workflow.Context, x Digitize) error {
	if err := d.attach(ctx, Submission{Code: x.Component, Document: x.Document, Reuse: x.Reuse}, d.Applicant); err != nil {
		return invalid("%v", err)
	}
	c := d.component(x.Component)
	if x.Document != nil {
		c.How = Scanned
	}
	if d.Stage == Digitizing && d.missingCopies() == 0 {
		d.Stage = Processing
	}
	return d.record(ctx, x.By, "digitized", c.Code+" ("+c.How+")")
}
