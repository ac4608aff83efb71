package service

import (
	"casebook/data"
)

// The approval limits (data.ApprovalLimits), added to settingKeys here so
// that they stay together. The owner has no limit, so there is no key for it.
func init() {
	settingKeys = append(settingKeys,
		limitKey("approval.limit.staff", "the most a staff member may propose in remedies on a case without approval, in the case currency (default 500)",
			data.RoleStaff, func(l *data.ApprovalLimits) **data.Money { return &l.Staff }),
		limitKey("approval.limit.supervisor", "the most a supervisor may propose or approve in remedies on a case, in the case currency (default 5000; the owner has no limit)",
			data.RoleSupervisor, func(l *data.ApprovalLimits) **data.Money { return &l.Supervisor }),
	)
}

func limitKey(name, help string, r data.Role, field func(*data.ApprovalLimits) **data.Money) settingKey {
	return settingKey{name: name, help: help,
		get: func(st *data.Settings, _ string) string {
			v, _ := st.Approval.Limit(r)
			return v.String()
		},
		set: func(st *data.Settings, v, _ string) error {
			m, err := data.ParseMoney(v)
			if err != nil || v == "" {
				return invalid(name, "write an amount such as 500 or 5000.00")
			}
			*field(&st.Approval) = &m // a new value: copies of the settings keep theirs
			return nil
		}}
}
