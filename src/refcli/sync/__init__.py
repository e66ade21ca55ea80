"""Two-way sync between ref and an address book kept as a vdir (one .vcf file per card, the folder
vdirsyncer keeps in step with a CardDAV server): `ref sync FOLDER`."""
