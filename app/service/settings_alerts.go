package service

import (
	"strconv"
	"strings"

	"casebook/data"
)

// The settings of Today, the desktop warnings and the tray (data.Alerts),
// added to settingKeys here so that they stay together.
func init() {
	settingKeys = append(settingKeys,
		settingKey{name: "today.waiting_days", help: "after how many days of waiting on the customer or a supplier Today lists a case as waiting too long (1–365, default 3)",
			get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Alerts.Waiting()) },
			set: func(st *data.Settings, v, _ string) error {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 || n > data.MaxWaitingDays {
					return invalid("today.waiting_days", "write a number of days from 1 to %d", data.MaxWaitingDays)
				}
				st.Alerts.WaitingDays = n
				return nil
			}},
		onOffKey("warn.urgent", "a desktop warning when an urgent case arrives: on or off",
			func(a *data.Alerts) *bool { return &a.NoUrgent }, true),
		onOffKey("warn.due", "a desktop warning when one of my cases becomes due soon or overdue: on or off",
			func(a *data.Alerts) *bool { return &a.NoDue }, true),
		onOffKey("warn.escalated", "a desktop warning when a case is escalated to me: on or off",
			func(a *data.Alerts) *bool { return &a.NoEscalated }, true),
		onOffKey("warn.bounced", "a desktop warning when a reply to the customer bounced: on or off",
			func(a *data.Alerts) *bool { return &a.NoBounced }, true),
		onOffKey("tray.keep_running", "on: closing the window keeps Casebook running in the system tray, so mail and warnings continue (default off)",
			func(a *data.Alerts) *bool { return &a.TrayKeepRunning }, false),
	)
}

// onOffKey is a setting that is on or off; field is the stored bool, which
// means "off" when negated (the warnings are on unless switched off).
func onOffKey(name, help string, field func(*data.Alerts) *bool, negated bool) settingKey {
	return settingKey{name: name, help: help,
		get: func(st *data.Settings, _ string) string {
			if *field(&st.Alerts) != negated {
				return "on"
			}
			return "off"
		},
		set: func(st *data.Settings, v, _ string) error {
			var on bool
			switch strings.ToLower(v) {
			case "on", "true", "yes", "1":
				on = true
			case "off", "false", "no", "0":
			default:
				return invalid(name, "write on or off")
			}
			*field(&st.Alerts) = on != negated
			return nil
		}}
}
