package data

// MailPreset is the server settings of a common mail provider.
type MailPreset struct {
	Key, Name    string
	IMAPHost     string
	IMAPPort     int
	IMAPSecurity string
	SMTPHost     string
	SMTPPort     int
	SMTPSecurity string
	AppPassword  bool // the provider wants an app-specific authorisation code, not the login password
}

// MailPresets lists the providers agencies use most.
var MailPresets = []MailPreset{
	{"qq", "QQ 邮箱", "imap.qq.com", 993, "tls", "smtp.qq.com", 465, "tls", true},
	{"163", "网易 163", "imap.163.com", 993, "tls", "smtp.163.com", 465, "tls", true},
	{"126", "网易 126", "imap.126.com", 993, "tls", "smtp.126.com", 465, "tls", true},
	{"aliyun", "阿里企业邮箱", "imap.qiye.aliyun.com", 993, "tls", "smtp.qiye.aliyun.com", 465, "tls", false},
	{"exmail", "腾讯企业邮箱", "imap.exmail.qq.com", 993, "tls", "smtp.exmail.qq.com", 465, "tls", true},
	{"gmail", "Gmail", "imap.gmail.com", 993, "tls", "smtp.gmail.com", 465, "tls", true},
	{"outlook", "Outlook / Microsoft 365", "outlook.office365.com", 993, "tls", "smtp.office365.com", 587, "starttls", true},
}

// Apply copies the preset's servers into a.
func (p MailPreset) Apply(a *MailAccount) {
	a.IMAPHost, a.IMAPPort, a.IMAPSecurity = p.IMAPHost, p.IMAPPort, p.IMAPSecurity
	a.SMTPHost, a.SMTPPort, a.SMTPSecurity = p.SMTPHost, p.SMTPPort, p.SMTPSecurity
}

// FindMailPreset returns the preset with this key.
func FindMailPreset(key string) (MailPreset, bool) {
	for _, p := range MailPresets {
		if p.Key == key {
			return p, true
		}
	}
	return MailPreset{}, false
}
