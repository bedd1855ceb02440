import { MigrationInterface, QueryRunner } from "typeorm";

export class ClaimStatedOn1796156550911 implements MigrationInterface {
    name = 'ClaimStatedOn1796156550911'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "claim" ADD "stated_on" date`);
        await queryRunner.query(`ALTER TABLE "claim" ADD "stated_on_precision" "public"."date_precision"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "claim" DROP COLUMN "stated_on_precision"`);
        await queryRunner.query(`ALTER TABLE "claim" DROP COLUMN "stated_on"`);
    }

}
