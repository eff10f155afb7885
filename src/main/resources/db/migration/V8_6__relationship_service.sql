-- The DHCP service a relationship provides (dhcp4 or dhcp6); every relationship stored before DHCPv6 is DHCPv4.
ALTER TABLE relationship ADD COLUMN service VARCHAR(8) DEFAULT 'dhcp4' NOT NULL;
