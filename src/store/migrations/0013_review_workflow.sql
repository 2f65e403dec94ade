ALTER TABLE "access_observations" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "access_observations" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "access_observations" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_formats" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "negotiation_formats" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "negotiation_formats" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "interpretations" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "interpretations" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "interpretations" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "provision_texts" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "provision_texts" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "provision_texts" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "provisions" ADD COLUMN "created_by_account_id" text;--> statement-breakpoint
ALTER TABLE "provisions" ADD COLUMN "claim_of_party_id" text;--> statement-breakpoint
ALTER TABLE "provisions" ADD COLUMN "review_history" jsonb DEFAULT '[]'::jsonb NOT NULL;