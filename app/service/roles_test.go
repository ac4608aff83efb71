package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// roleUseCase is one changing use case of the application layer: setup
// prepares what it works on (as the owner, who may do everything), run
// calls it as the actor under test. act is the action the permission table
// decides it by; loose use cases may fail for another reason once allowed
// (no mail server here, no message to settle): only a refusal by role counts.
type roleUseCase struct {
	name  string
	act   data.Action
	loose bool
	setup func(t *testing.T, svc *Service) string
	run   func(ctx context.Context, svc *Service, a data.Actor, number string) error
}

// caseAt is a new case taken by the owner to status.
func caseAt(t *testing.T, svc *Service, status data.Status) string {
	t.Helper()
	ctx := context.Background()
	c := newTestCase(t, svc, boss)
	if status == data.StatusNew {
		return c.Number
	}
	path := []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved, data.StatusClosed}
	for _, to := range path {
		if to == data.StatusClosed {
			followedUp(t, svc, c.Number) // closing needs a follow-up (followup_test.go)
		}
		if _, err := svc.Cases.Move(ctx, boss, c.Number, to, ""); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
		if to == status {
			break
		}
	}
	return c.Number
}

func at(s data.Status) func(t *testing.T, svc *Service) string {
	return func(t *testing.T, svc *Service) string { return caseAt(t, svc, s) }
}

// anonCustomers numbers the customers the anonymise use case creates.
var anonCustomers int

func roleUseCases(t *testing.T) []roleUseCase {
	logo := testPNG(t, 40, 20)
	move := func(to data.Status) func(ctx context.Context, svc *Service, a data.Actor, n string) error {
		return func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.Move(ctx, a, n, to, "理由")
			return err
		}
	}
	change := func(ch func(a data.Actor) data.CaseChanges) func(ctx context.Context, svc *Service, a data.Actor, n string) error {
		return func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.Change(ctx, a, n, ch(a))
			return err
		}
	}
	none := func(*testing.T, *Service) string { return "" }
	newCase := data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping", Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Subject: "行程变更", Customer: data.Customer{Name: "刘洋", Email: "liu@example.com"}}
	settingsEdit := func(fn func(st *data.Settings)) func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
		return func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			st := svc.Settings.Get()
			fn(&st)
			return svc.Settings.Save(ctx, a, st)
		}
	}
	return []roleUseCase{
		{"record a case", data.ActionRecord, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Cases.Create(ctx, a, newCase)
			return err
		}},
		{"record a case for someone else", data.ActionAssign, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			n := newCase
			n.Owner = map[string]string{"王芳": "陈静", "陈静": "王芳", "老板": "王芳", "路人甲": "陈静"}[a.Name]
			_, err := svc.Cases.Create(ctx, a, n)
			return err
		}},
		{"acknowledge", data.ActionRecord, false, at(data.StatusNew), move(data.StatusAcknowledged)},
		{"investigate", data.ActionInvestigate, false, at(data.StatusAcknowledged), move(data.StatusInvestigating)},
		{"propose", data.ActionPropose, false, at(data.StatusInvestigating), move(data.StatusProposed)},
		{"customer agrees", data.ActionPropose, false, at(data.StatusProposed), move(data.StatusAgreed)},
		{"customer rejects", data.ActionInvestigate, false, at(data.StatusProposed), move(data.StatusInvestigating)},
		{"resolve", data.ActionInvestigate, false, at(data.StatusAgreed), move(data.StatusResolved)},
		{"close", data.ActionClose, false, func(t *testing.T, svc *Service) string {
			n := caseAt(t, svc, data.StatusResolved)
			followedUp(t, svc, n)
			return n
		}, move(data.StatusClosed)},
		{"decline", data.ActionDecline, false, at(data.StatusNew), move(data.StatusDeclined)},
		{"reopen", data.ActionReopen, false, at(data.StatusClosed), move(data.StatusInvestigating)},
		{"note", data.ActionNote, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.AddNote(ctx, a, n, "客户来电")
			return err
		}},
		{"take the case oneself", data.ActionInvestigate, false, at(data.StatusAcknowledged), change(func(a data.Actor) data.CaseChanges {
			return data.CaseChanges{Owner: &a.Name}
		})},
		{"assign", data.ActionAssign, false, at(data.StatusAcknowledged), change(func(a data.Actor) data.CaseChanges {
			to := map[string]string{"王芳": "陈静", "陈静": "王芳", "老板": "陈静", "路人甲": "陈静"}[a.Name]
			return data.CaseChanges{Owner: &to}
		})},
		{"severity", data.ActionInvestigate, false, at(data.StatusAcknowledged), change(func(data.Actor) data.CaseChanges {
			s := data.SeverityUrgent
			return data.CaseChanges{Severity: &s}
		})},
		{"escalate", data.ActionEscalate, false, at(data.StatusAcknowledged), change(func(data.Actor) data.CaseChanges {
			lv, to := data.EscalationSupervisor, "陈静"
			return data.CaseChanges{Escalation: &lv, Owner: &to, Note: "客户要求主管处理"}
		})},
		{"findings", data.ActionInvestigate, false, at(data.StatusInvestigating), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.EditFindings(ctx, a, n, func(f *data.Findings) { f.Facts = "属实" })
			return err
		}},
		{"amend findings after the closure letter", data.ActionReopen, false, func(t *testing.T, svc *Service) string {
			n := caseAt(t, svc, data.StatusClosed)
			if _, err := svc.Cases.update(context.Background(), n, func(cs *data.Case, _ data.Settings, now time.Time) error {
				cs.AddLetter(data.Letter{Type: data.LetterClosure, IssuedAt: now})
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.AmendFindings(ctx, a, n, "客户补交照片", func(f *data.Findings) { f.Facts = "补充" })
			return err
		}},
		{"approve", data.ActionApprove, false, func(t *testing.T, svc *Service) string {
			return proposeTestCase(t, svc, wang, 800_00).Number
		}, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.Approve(ctx, a, n)
			return err
		}},
		{"refuse approval", data.ActionApprove, false, func(t *testing.T, svc *Service) string {
			return proposeTestCase(t, svc, wang, 800_00).Number
		}, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.RefuseApproval(ctx, a, n, "金额过高")
			return err
		}},
		{"edit the case", data.ActionRecord, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			s := "行程临时变更"
			_, err := svc.Cases.Edit(ctx, a, n, data.CaseEdit{Subject: &s})
			return err
		}},
		{"record a referral", data.ActionRecord, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.RecordReferral(ctx, a, n, data.ReferralInput{Source: data.ReferralHotline, Number: "12345-1", Notice: "2026-01-05"})
			return err
		}},
		{"attach evidence", data.ActionRecord, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.Attach(ctx, a, n, "收据.txt", strings.NewReader("收据"), "")
			return err
		}},
		{"issue a letter", data.ActionReply, false, at(data.StatusAcknowledged), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Documents.IssueLetter(ctx, a, n, data.LetterAck, "")
			return err
		}},
		{"print the archive", data.ActionReply, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Documents.CaseArchive(ctx, a, n, "")
			return err
		}},
		{"archive closed cases", data.ActionReply, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			now := svc.Now()
			_, err := svc.Documents.ClosedArchive(ctx, a, io.Discard, now.AddDate(0, 0, -1), now, "", nil)
			return err
		}},
		{"export case rows", data.ActionReply, false, at(data.StatusAcknowledged), func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Documents.ExportCases(ctx, a, data.Filter{}, data.ExportCSV, "", io.Discard, nil) // export.go
			return err
		}},
		{"reply by e-mail", data.ActionReply, false, func(t *testing.T, svc *Service) string {
			setMailAccount(t, svc)
			return caseAt(t, svc, data.StatusAcknowledged)
		}, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Mail.Reply(ctx, a, n, data.Reply{Text: "您好，我们已收到。"})
			return err
		}},
		{"resend an uncertain message", data.ActionReply, true, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Mail.Resend(ctx, a, 99)
			return err
		}},
		{"mark an uncertain message sent", data.ActionReply, true, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Mail.MarkSent(ctx, a, 99)
			return err
		}},
		{"fetch and send mail", data.ActionMail, true, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Mail.SyncOnce(ctx, a, nil)
			return err
		}},
		{"read unreadable mail again", data.ActionMail, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, _, err := svc.Mail.RetryParked(ctx, a)
			return err
		}},
		{"save settings", data.ActionSettings, false, none, settingsEdit(func(st *data.Settings) { st.Currency = "HKD" })},
		{"set a setting by key", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Settings.Set(ctx, a, "currency", "HKD")
			return err
		}},
		{"change the letterhead", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Settings.SetAgency(ctx, a, func(ag *data.Agency) { ag.Name = "晴空旅行社" })
			return err
		}},
		{"put the agency's logo", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.Documents.PutAgencyImage(ctx, a, logo)
			return err
		}},
		{"set the mail account", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			acc := data.DefaultMailAccount()
			acc.IMAPHost, acc.SMTPHost, acc.Username, acc.Address = "imap.example.com", "smtp.example.com", "kefu@agency.example", "kefu@agency.example"
			return svc.Settings.SetMailAccount(ctx, a, acc)
		}},
		{"store the mail password", data.ActionSettings, false, none, func(_ context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.Mail.SavePassword(a, "kefu@agency.example", "授权码")
		}},
		{"add staff", data.ActionStaff, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.Settings.AddStaff(ctx, a, "李强"+string(a.Role), data.RoleStaff)
		}},
		{"change a role", data.ActionStaff, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			role := data.RoleSupervisor
			if r, _ := svc.Settings.Get().StaffRole("王芳"); r == role {
				role = data.RoleStaff
			}
			return svc.Settings.SetStaff(ctx, a, "王芳", role, "")
		}},
		{"change the staff list in the settings", data.ActionStaff, false, none, settingsEdit(func(st *data.Settings) {
			st.Staff = append(st.Staff, data.Staff{Name: fmt.Sprint("赵六", len(st.Staff)), Role: data.RoleOwner})
		})},
		{"remove staff", data.ActionStaff, false, func(t *testing.T, svc *Service) string {
			if _, ok := svc.Settings.Get().StaffRole("孙七"); !ok { // still there after a refusal
				if err := svc.Settings.AddStaff(context.Background(), boss, "孙七", data.RoleStaff); err != nil {
					t.Fatal(err)
				}
			}
			return ""
		}, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.Settings.RemoveStaff(ctx, a, "孙七", nil)
		}},
		{"load demo cases", data.ActionStaff, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.LoadDemo(ctx, a, 1, 1, nil)
		}},
		{"back up", data.ActionBackup, false, func(t *testing.T, _ *Service) string { return t.TempDir() },
			func(ctx context.Context, svc *Service, a data.Actor, dir string) error {
				_, err := svc.Backup(ctx, a, filepath.Join(dir, "b.db"), "", false)
				return err
			}},
		{"restore", data.ActionRestore, false, func(t *testing.T, svc *Service) string {
			f := filepath.Join(t.TempDir(), "b.db")
			if _, err := svc.Backup(context.Background(), boss, f, "", false); err != nil {
				t.Fatal(err)
			}
			return f
		}, func(ctx context.Context, svc *Service, a data.Actor, file string) error {
			_, err := svc.PrepareRestore(ctx, a, file, "")
			os.Remove(PendingRestore(svc.Path()))
			os.Remove(pendingBy(PendingRestore(svc.Path())))
			return err
		}},
		{"anonymise a customer", data.ActionPrivacy, false, func(t *testing.T, svc *Service) string {
			// A customer of their own, all of whose cases are closed.
			anonCustomers++
			c, err := svc.Cases.Create(context.Background(), boss, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
				Severity: data.SeverityNormal, Channel: data.ChannelWalkIn, Subject: "导游强制购物",
				Customer: data.Customer{Name: fmt.Sprintf("客人%d", anonCustomers), Phone: fmt.Sprintf("1390000%04d", anonCustomers)}})
			if err != nil {
				t.Fatal(err)
			}
			for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
				data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
				if to == data.StatusClosed {
					followedUp(t, svc, c.Number)
				}
				if _, err := svc.Cases.Move(context.Background(), boss, c.Number, to, ""); err != nil {
					t.Fatal(err)
				}
			}
			return c.Number
		}, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Privacy.Anonymise(ctx, a, n)
			return err
		}},
		{"tag a customer", data.ActionNote, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			id, err := svc.Customers.Resolve(ctx, n)
			if err == nil {
				_, err = svc.Customers.SetTags(ctx, a, id, []string{"常客"}, nil)
			}
			return err
		}},
		{"mark a customer VIP", data.ActionNote, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			id, err := svc.Customers.Resolve(ctx, n)
			if err == nil {
				_, err = svc.Customers.SetVIP(ctx, a, id, true)
			}
			return err
		}},
		{"note on a customer", data.ActionNote, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			id, err := svc.Customers.Resolve(ctx, n)
			if err == nil {
				_, err = svc.Customers.AddNote(ctx, a, id, "电话里很客气")
			}
			return err
		}},
		{"merge customers", data.ActionMerge, false, func(t *testing.T, svc *Service) string {
			// Two customers of their own: the second's case is returned,
			// the first (the id before) is kept.
			var number string
			for range 2 {
				anonCustomers++
				c, err := svc.Cases.Create(context.Background(), boss, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
					Severity: data.SeverityNormal, Channel: data.ChannelWalkIn, Subject: "导游强制购物",
					Customer: data.Customer{Name: fmt.Sprintf("客人%d", anonCustomers), Phone: fmt.Sprintf("1390000%04d", anonCustomers)}})
				if err != nil {
					t.Fatal(err)
				}
				number = c.Number
			}
			return number
		}, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			other, err := svc.Customers.Resolve(ctx, n)
			if err == nil {
				_, err = svc.Customers.Merge(ctx, a, other-1, other)
			}
			return err
		}},
		{"add an article", data.ActionKnowledge, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			_, err := svc.KB.Add(ctx, a, data.Article{Title: "退款说明", Body: "原路退回。"})
			return err
		}},
		{"edit an article", data.ActionKnowledge, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			all, _ := svc.KB.List(ctx, data.ArticleQuery{})
			_, err := svc.KB.Edit(ctx, a, all[0].ID, func(x *data.Article) { x.Body += "\n补充" })
			return err
		}},
		{"remove an article", data.ActionKnowledge, false, func(t *testing.T, svc *Service) string {
			if _, err := svc.KB.Add(context.Background(), boss, data.Article{Title: "待删除", Body: "x"}); err != nil {
				t.Fatal(err)
			}
			return ""
		}, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			all, _ := svc.KB.List(ctx, data.ArticleQuery{Text: "待删除"})
			return svc.KB.Remove(ctx, a, all[0].ID)
		}},
		{"import a ledger", data.ActionImport, false, func(t *testing.T, _ *Service) string { // import_test.go
			path := filepath.Join(t.TempDir(), "台账.csv")
			if err := os.WriteFile(path, []byte("姓名,电话,投诉日期,投诉内容\n刘洋,13900139000,2026-11-02,导游强制购物\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}, func(ctx context.Context, svc *Service, a data.Actor, path string) error {
			_, err := svc.Import.Run(ctx, a, ImportRequest{Path: path})
			return err
		}},
		{"set a mail template", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.Templates.Set(ctx, a, data.MailTemplate{Name: "reply", Language: "en", Subject: "[Case {{.Number}}]", Body: "{{.Text}}\nCase number: {{.Number}}"})
		}},
		{"reset a mail template", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.Templates.Reset(ctx, a, "reply", "en")
		}},
		// Follow-ups (followup_test.go).
		{"record a follow-up", data.ActionFollowUp, false, at(data.StatusResolved), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.RecordFollowUp(ctx, a, n, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 4})
			return err
		}},
		{"close a follow-up as unreachable", data.ActionFollowUp, false, unreachedThrice, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.CloseFollowUpUnreachable(ctx, a, n, "三次未接通")
			return err
		}},
		{"close without follow-up", data.ActionClose, false, at(data.StatusResolved), func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.CloseWithoutFollowUp(ctx, a, n, "客户已移居国外")
			return err
		}},
		{"confirm a rating", data.ActionFollowUp, false, withRatingCheck, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.ConfirmRating(ctx, a, n, ratingCheckMessage, 4, "")
			return err
		}},
		{"dismiss a rating", data.ActionFollowUp, false, withRatingCheck, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.DismissRating(ctx, a, n, ratingCheckMessage)
			return err
		}},
		{"keep an unhappy case closed", data.ActionClose, false, unhappyClosed, func(ctx context.Context, svc *Service, a data.Actor, n string) error {
			_, err := svc.Cases.KeepClosed(ctx, a, n, "已电话致歉")
			return err
		}},
		// Reports (reports_test.go): reading, but the owner's and supervisors' only.
		{"report figures", data.ActionReport, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			p, _ := svc.Reports.Period("2026-11", "", "")
			_, err := svc.Reports.Figures(ctx, a, p)
			return err
		}},
		{"report cases", data.ActionReport, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			p, _ := svc.Reports.Period("2026-11", "", "")
			_, err := svc.Reports.Cases(ctx, a, p, "received")
			return err
		}},
		{"report workbook", data.ActionReport, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			p, _ := svc.Reports.Period("2026-11", "", "") // report_sheets.go: audited like an export
			return svc.Reports.Write(ctx, a, p, data.ReportXLSX, "", io.Discard)
		}},
		{"report csv", data.ActionReport, false, at(data.StatusNew), func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			p, _ := svc.Reports.Period("2026-11", "", "")
			return svc.Reports.Write(ctx, a, p, data.ReportCSV, "", io.Discard)
		}},
		{"set travellers", data.ActionSettings, false, none, func(ctx context.Context, svc *Service, a data.Actor, _ string) error {
			return svc.Settings.SetTravellers(ctx, a, "2026-11", 1840)
		}},
		{"compact", data.ActionRestore, false, none, func(_ context.Context, svc *Service, a data.Actor, _ string) error {
			err := svc.RequestCompact(a)
			os.Remove(PendingCompact(svc.Path()))
			return err
		}},
	}
}

// Every changing use case, called by each role, is allowed or refused
// exactly as the permission table says (someone without a role: nothing):
// refused with a *data.ForbiddenError
// naming the action the table decides it by, and nothing changed.
func TestEveryChangingCallFollowsThePermissionTable(t *testing.T) {
	ctx := context.Background()
	// Someone without a role (not on the staff list) may do nothing: so a
	// use case that checks no action at all fails here too.
	actors := []data.Actor{wang, {Name: "陈静", Role: data.RoleSupervisor}, boss, {Name: "路人甲"}}
	svc, _ := newTestService(t)
	if _, err := svc.Settings.SetAgency(ctx, boss, func(a *data.Agency) { a.Name = "北京晴空国际旅行社有限公司" }); err != nil {
		t.Fatal(err)
	}
	for _, uc := range roleUseCases(t) {
		for _, a := range actors {
			number := uc.setup(t, svc)
			var before data.Case
			if number != "" {
				before, _ = svc.Cases.Get(ctx, number)
			}
			stBefore := svc.Settings.Get()
			err := uc.run(ctx, svc, a, number)
			var fe *data.ForbiddenError
			refused := errors.As(err, &fe)
			switch want := a.Can(uc.act); {
			case want && refused:
				t.Errorf("%s as %s: refused (%v), the table allows it", uc.name, a.Role, err)
			case want && err != nil && !uc.loose:
				t.Errorf("%s as %s: %v", uc.name, a.Role, err)
			case !want && !refused:
				t.Errorf("%s as %s: %v, the table refuses %s", uc.name, a.Role, err, uc.act)
			case !want && a.Role != "" && (fe.Action != uc.act || fe.Actor != a || fe.Needs() != data.LowestRole(uc.act)):
				t.Errorf("%s as %s: refused as %+v (needs %s), want the action %s", uc.name, a.Role, fe, fe.Needs(), uc.act)
			case !want && number != "":
				if after, _ := svc.Cases.Get(ctx, number); len(after.Timeline) != len(before.Timeline) || after.Status != before.Status {
					t.Errorf("%s as %s: refused but the case changed", uc.name, a.Role)
				}
			}
			if !a.Can(uc.act) && !sameSettings(stBefore, svc.Settings.Get()) {
				t.Errorf("%s as %s: refused but the settings changed", uc.name, a.Role)
			}
		}
	}
}

func sameSettings(a, b data.Settings) bool {
	return a.Currency == b.Currency && a.Agency.Name == b.Agency.Name && len(a.Staff) == len(b.Staff) &&
		a.Mail.IMAPHost == b.Mail.IMAPHost && a.Agency.LogoSHA256 == b.Agency.LogoSHA256
}

// The use cases above cover every action of the table, each allowed to
// someone and refused to someone else where the table has a difference.
func TestRoleUseCasesCoverTheTable(t *testing.T) {
	covered := map[data.Action]bool{}
	for _, uc := range roleUseCases(t) {
		covered[uc.act] = true
	}
	for _, act := range data.Actions {
		if !covered[act] {
			t.Errorf("no use case needs %s", act)
		}
	}
}
