"""The vocabulary `ref suggest` matches by: trades and the words people use for them.

Each trade is named as a suggestion explains it ("wedding planning") and lists the phrases
that mean it, in what people do ("Bridal and event coordination") and in what they need
("someone to plan our wedding", "get my books in order"). A phrase is matched on word stems,
longest first, so "estate planning attorney" is estate planning (and law) and never the
"planning" of a wedding. `PARENTS` says which trades a specialist also covers (an estate
planning attorney is a lawyer); `AMBIGUOUS` lists the words that name no trade on their own
("planner", "agent", "consultant"): they count only inside a phrase. Written for this project;
edit it like any data file (tests/test_suggest_meaning.py measures every change).
"""

from __future__ import annotations

TRADES: dict[str, str] = {
    # money
    "accounting": "accountant, accounting, accounting firm, bookkeeping, bookkeeper, books in order, "
    "keep my books, balance sheet, chartered accountant, cpa, certified public accountant, tax return, "
    "tax returns, tax preparation, tax preparer, tax advisor, tax adviser, file my taxes, do my taxes, "
    "taxes done, payroll, quickbooks, xero, year end accounts, vat return, audit, audited, auditor, controller",
    "financial planning": "financial planner, financial planning, financial advisor, financial adviser, "
    "wealth management, wealth manager, retirement planning, plan my retirement, investment advisor, "
    "investments, pension advice, portfolio management, independent financial adviser",
    "insurance": "insurance, insurance agent, insurance broker, life insurance, health insurance, "
    "car insurance, auto insurance, home insurance, business insurance, liability insurance, underwriter",
    "mortgages": "mortgage, mortgages, mortgage broker, mortgage advisor, mortgage adviser, home loan, "
    "home loans, loan officer, refinance, refinancing, first time buyer loan, first time buyer mortgage",
    "banking": "banker, banking, business banking, bank manager, business loan, line of credit, "
    "commercial lending, sba loan",
    "business finance": "invoice factoring, equipment finance, merchant cash advance, funding for my business, "
    "raise capital, venture capital, angel investor, investor, investors",
    # law
    "law": "lawyer, lawyers, attorney, attorneys, solicitor, law firm, legal advice, legal, paralegal, "
    "contract review, contracts reviewed, terms and conditions, litigation",
    "estate planning": "estate planning, estate planning attorney, wills, will and trust, wills and trusts, "
    "living trust, probate, power of attorney, estate lawyer",
    "family law": "family law, divorce, divorce lawyer, custody, prenup, prenuptial",
    "immigration law": "immigration, immigration lawyer, visa, visas, work permit, green card",
    "employment law": "employment law, employment lawyer, wrongful dismissal, hr law",
    "intellectual property": "trademark, trademarks, patent, patents, intellectual property, copyright lawyer",
    "notary": "notary, notary public, notarize, notarise",
    # property
    "real estate": "real estate, real estate agent, realtor, realtors, estate agent, estate agency, "
    "listing agent, buyer agent, buyers agent, sell my house, sell our house, selling a house, selling their home, "
    "buy a house, buying a house, buy a home, buying a home, home buyers, homebuyers, home sellers, "
    "first time buyers, new homeowners, relocating, relocation, just bought a house",
    "property management": "property management, property manager, property managers, landlord, landlords, "
    "rental property, rental properties, tenant, tenants, letting agent, lettings",
    "commercial real estate": "commercial real estate, commercial property, office space, office lease, "
    "retail space, warehouse space, commercial broker",
    "home inspection": "home inspection, home inspector, building survey, surveyor, property survey",
    "title and escrow": "title company, escrow, title insurance, conveyancing, conveyancer",
    # building and home
    "remodeling": "remodeling, remodelling, remodel, remodels, renovation, renovations, renovate, "
    "home improvement, kitchen remodel, bathroom remodel, general contractor, contractor, builder, builders, "
    "construction, extension, loft conversion, cabinet refacing, kitchen and bath",
    "plumbing": "plumber, plumbers, plumbing, leaky tap, leaking pipe, water heater, drain cleaning, boiler",
    "electrical": "electrician, electricians, electrical, rewiring, wiring, ev charger",
    "hvac": "hvac, heating and cooling, air conditioning, heat pump, furnace, heating engineer",
    "roofing": "roofer, roofers, roofing, roof repair, new roof, gutters",
    "painting": "painter and decorator, house painter, painting and decorating, painters, repaint",
    "landscaping": "landscaping, landscaper, landscape design, gardener, gardening, lawn care, lawn, "
    "garden design, tree surgeon, tree service",
    "cleaning": "cleaning, cleaner, cleaners, house cleaning, office cleaning, janitorial, maid service, "
    "deep clean, carpet cleaning, window cleaning, cleaned",
    "pest control": "pest control, exterminator, termite, termites, rodent",
    "interior design": "interior design, interior designer, interior, interior decorator, home staging, stager",
    "architecture": "architect, architects, architecture, building plans, planning permission",
    "handyman": "handyman, handy man, odd jobs, small repairs",
    "moving": "movers, moving company, removals, removal company, relocation services, moving house, "
    "moving home, moving office, moving the office, office move, storage units",
    "solar": "solar, solar panels, solar installer, solar energy",
    "security systems": "security systems, alarm system, alarm, burglar alarm, cctv, home security, locksmith",
    "flooring": "flooring, floors, hardwood floors, carpet fitting, tiling, tiler",
    "pools": "pool installation, pool service, swimming pool, hot tub",
    # technology
    "web design": "web design, web designer, website, websites, web developer, web development, "
    "new website, wordpress, shopify, landing page, ecommerce site",
    "software development": "software development, software developer, software engineer, app developer, "
    "app development, mobile app, custom software, programmer, programming",
    "it support": "it support, managed it, it services, computer repair, network setup, tech support, "
    "help desk, it consultant, msp, office 365, backups",
    "cybersecurity": "cybersecurity, cyber security, penetration testing, pen testing, data breach, "
    "ransomware, phishing",
    "telecoms": "phone system, voip, business phones, broadband, telecoms, internet provider",
    # marketing and sales
    "marketing": "marketing, marketer, digital marketing, marketing agency, marketing consultant, "
    "social media, social media marketing, ppc, google ads, online ads, advertising, email marketing, "
    "content marketing, get more customers, more leads, lead generation, brand awareness",
    "seo": "seo, search engine optimisation, search engine optimization, rank higher, rank on google, "
    "google ranking, found on google",
    "branding and graphic design": "graphic design, graphic designer, branding, brand identity, logo, logos, "
    "brochure design, packaging design, visual identity",
    "copywriting": "copywriter, copywriting, content writer, ghostwriter, ghost writer, blog posts",
    "public relations": "public relations, pr agency, press release, media coverage, press coverage, publicist",
    "printing": "printer, printing, print shop, printed, business cards, flyers, signage, signs, "
    "banners, promotional products, branded merchandise",
    "photography": "photographer, photographers, photography, headshots, headshot, photo shoot, product photography",
    "videography": "videographer, videography, video production, promo video, filmmaker, drone footage",
    "sales training": "sales training, sales coach, sales coaching, close more deals, sales process",
    # people and business
    "recruiting": "recruiter, recruiters, recruiting, recruitment, recruitment agency, recruit, staffing, "
    "staffing agency, headhunter, executive search, hire, hiring, new hires, find staff, fill vacancies, "
    "job candidates, temp staff, temporary staff",
    "human resources": "hr manager, hr managers, hr director, human resources, people operations, "
    "hr consultant, hr advice, employee handbook, hr",
    "business coaching": "business coach, business coaching, executive coach, executive coaching, "
    "leadership coach, leadership training, mentor for my business, scale my business, grow my business",
    "life coaching": "life coach, life coaching, career coach, career coaching, mindset coach",
    "translation": "translator, translation, translations, translate, interpreter, interpreting, localisation, "
    "localization",
    "virtual assistance": "virtual assistant, admin support, administrative support, personal assistant, "
    "executive assistant, inbox management, manage my inbox, inbox",
    "business consulting": "management consultant, business consultant, strategy consultant, "
    "operations consultant, business plan, process improvement, improve our processes, streamline",
    "training": "corporate training, leadership training, workshops, team training, training provider, e-learning",
    # events and hospitality
    "wedding planning": "wedding planner, wedding planners, wedding planning, bridal, bride, brides, "
    "wedding coordinator, wedding coordination, plan our wedding, plan my wedding, engaged couples, "
    "newly engaged",
    "event planning": "event planner, event planners, event planning, event coordinator, event coordination, "
    "event management, events, conference organiser, conference organizer, party planner, launch party, product launch",
    "corporate events": "company retreat, company retreats, corporate retreat, offsite, off-site, "
    "team building, corporate event, corporate events, company party, christmas party, conference",
    "venues": "venue, venues, event space, event venue, function room, banquet hall, conference centre, "
    "conference center, wedding venue",
    "catering": "caterer, caterers, catering, private chef, buffet, canapes, food for the party",
    "florist": "florist, florists, flowers, floral design, floral arrangements, bouquets, bouquet",
    "music and entertainment": "dj, band, live music, entertainer, entertainment, musician, magician",
    "bakery": "bakery, baker, wedding cake, cakes, cake maker, patisserie",
    "hospitality": "restaurant, restaurants, team dinner, dinner, hotel, hotels, cafe, coffee shop, bar, pub",
    "travel": "travel agent, travel agency, holidays, vacation planning, group travel, business travel",
    # health and care
    "health and fitness": "personal trainer, personal training, fitness, gym, pilates, yoga, "
    "get fit, lose weight, weight loss, nutritionist, dietitian, nutrition",
    "physiotherapy": "physiotherapist, physiotherapy, physio, physical therapist, physical therapy, "
    "sports injury, back pain, back pain treatment",
    "chiropractic": "chiropractor, chiropractic, spinal adjustment, back pain, neck pain",
    "massage": "massage, massage therapist, sports massage, sports massage therapist",
    "dentistry": "dentist, dentists, dental, orthodontist, teeth whitening, invisalign",
    "medicine": "doctor, gp, physician, private clinic, medical practice",
    "mental health": "therapist, counsellor, counselor, counselling, counseling, psychologist, "
    "psychotherapist, anxiety, stress management",
    "beauty": "hairdresser, hair salon, barber, beautician, beauty salon, nail salon, makeup artist, "
    "skin care, skincare, aesthetics clinic",
    "senior care": "home care, elderly care, senior care, care home, carer, caregiver, assisted living, "
    "aging parents, ageing parents",
    "childcare": "childcare, child care, nanny, nannies, babysitter, daycare, nursery, tutor, tutoring",
    "veterinary": "vets, veterinarian, veterinary, pet care, dog groomer, dog walker, pet sitter",
    # trade and goods
    "automotive": "mechanic, car repair, auto repair, garage services, car dealer, car dealership, "
    "body shop, fleet vehicles, mot",
    "logistics": "courier, couriers, freight, shipping, logistics, delivery service, haulage, fulfilment, fulfillment",
    "office supplies": "office supplies, office furniture, stationery, coffee machines, vending",
    "manufacturing": "manufacturer, manufacturing, fabrication, machining, cnc, injection moulding, "
    "prototype, prototyping",
    "funeral services": "funeral director, funeral home, funeral services, funeral planning",
}

# A specialist also covers the broader trade: a need for the broader one is met by them too.
PARENTS: dict[str, tuple[str, ...]] = {
    "estate planning": ("law",),
    "family law": ("law",),
    "immigration law": ("law",),
    "employment law": ("law",),
    "intellectual property": ("law",),
    "wedding planning": ("event planning",),
    "chiropractic": ("physiotherapy",),
    "seo": ("marketing",),
}

# Words that name no trade on their own: many trades share them (a wedding, financial or estate
# planner; an insurance, estate or travel agent). They count only inside a phrase above.
AMBIGUOUS = frozenset(
    """planner planners planning plan plans agent agents agency manager managers management consultant
    consultants consulting advisor advisors adviser advisers specialist specialists coach coaches service
    services solution solutions professional professionals expert experts group partner partners owner
    owners director directors team teams support design designer designers developer developers broker
    brokers property properties home homes house care health financial estate repair repairs install
    installation office offices firm firms provider providers shop agentur coordinator coordination
    someone somebody anyone person persons great reliable trusted local two three four five""".split()
)  # fmt: skip
