import { MigrationInterface, QueryRunner } from "typeorm";

export class SentenceRoles1796155189993 implements MigrationInterface {
    name = 'SentenceRoles1796155189993'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article" ADD "place" text`);
        await queryRunner.query(`ALTER TABLE "article" ADD "published_at_from_dateline" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`CREATE TYPE "public"."sentence_role" AS ENUM('HEADLINE', 'DATELINE', 'BYLINE', 'FOOTNOTE', 'BODY')`);
        await queryRunner.query(`ALTER TABLE "sentence" ADD "role" "public"."sentence_role" NOT NULL DEFAULT 'BODY'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sentence" DROP COLUMN "role"`);
        await queryRunner.query(`DROP TYPE "public"."sentence_role"`);
        await queryRunner.query(`ALTER TABLE "article" DROP COLUMN "published_at_from_dateline"`);
        await queryRunner.query(`ALTER TABLE "article" DROP COLUMN "place"`);
    }

}
