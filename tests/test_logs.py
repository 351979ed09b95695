import logging

import pytest

from assistant.logs import PersonalDataFilter, configure_logging, mask_personal_data


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("gọi tôi 0912 345 678 nhé", "0912 345 678"),
        ("sdt +84912345678", "+84912345678"),
        ("CCCD 001099012345", "001099012345"),
        ("cmnd 123456789", "123456789"),
        ("mail nguyen.van.a@gmail.com", "nguyen.van.a@gmail.com"),
    ],
)
def test_personal_data_is_masked(text: str, hidden: str) -> None:
    assert hidden not in mask_personal_data(text)


def test_dossier_codes_and_procedure_codes_survive() -> None:
    text = "hồ sơ 000.00.15.H22-231004-0012 thủ tục 1.001193"
    assert mask_personal_data(text) == text


def test_filter_masks_formatted_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.masking")
    logger.addFilter(PersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="test.masking"):
        logger.info("user said %s", "số tôi là 0987654321")
    assert "0987654321" not in caplog.text
    assert "[phone]" in caplog.text


def test_secrets_in_urls_are_redacted_and_httpx_is_quiet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        configure_logging("INFO")
        url = "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe"
        logging.getLogger("httpx").info("HTTP Request: POST %s", url)
        log = logging.getLogger("assistant.test")
        log.warning("failed: %s", url)
        try:
            raise RuntimeError("for url 'http://127.0.0.1:5005/status?token=s3cr3t-Tok&x=1'")
        except RuntimeError:
            log.exception("rasa status failed")
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    err = capsys.readouterr().err
    assert "HTTP Request" not in err  # httpx below WARNING is silent
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in err and "/bot[token]/getMe" in err
    assert "s3cr3t-Tok" not in err and "token=[redacted]&x=1" in err
