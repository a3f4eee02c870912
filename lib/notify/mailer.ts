import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/platform/env";

// The one importer of nodemailer. One pooled transport per process, made on first use.
let transport: Transporter | undefined;

export const mailEnabled = () => Boolean(env().SMTP_URL);

export async function sendMail(msg: {
  to: string;
  subject: string;
  text: string;
  html: string;
}): Promise<void> {
  const url = env().SMTP_URL;
  if (!url) return;
  transport ??= nodemailer.createTransport(url);
  await transport.sendMail({ from: env().MAIL_FROM, ...msg });
}

export function closeMailer(): void {
  transport?.close();
  transport = undefined;
}
